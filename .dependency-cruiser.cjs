/**
 * The layering of DESIGN.md as rules (`npm run lint` fails on any violation). From the bottom:
 * config → database, common → outbox → locations, catalog, auth → inventory → orders, tags → realtime → app.
 */
const feature =
  '^src/(accounts|audit|auth|catalog|exchange|flash-sales|health|inventory|locations|media|messages|orders|outbox|payments|realtime|reports|returns|seed|staff|tags|web)/';

module.exports = {
  forbidden: [
    {
      name: 'no-folder-cycle',
      comment: 'Two folders that import each other cannot be read, tested or replaced apart.',
      severity: 'error',
      scope: 'folder',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'no-file-cycle',
      severity: 'error',
      from: { path: '^(src|apps|libs)/' },
      to: { circular: true },
    },
    {
      name: 'foundation-imports-no-feature',
      comment: 'config, database, common and redis sit below every feature.',
      severity: 'error',
      from: { path: '^src/(config|database|common|redis)/' },
      to: { path: feature },
    },
    {
      name: 'outbox-below-domains',
      comment: 'The outbox (event rows, per-location sequence) is written by every domain and knows none.',
      severity: 'error',
      from: { path: '^src/outbox/' },
      to: { path: feature, pathNot: '^src/outbox/' },
    },
    {
      name: 'realtime-only-delivers',
      comment: 'Nothing below the app imports realtime: it delivers committed events, it owns no truth.',
      severity: 'error',
      from: { path: feature, pathNot: '^src/(realtime|seed|web)/' },
      to: { path: '^src/realtime/' },
    },
    {
      name: 'no-other-features-tables',
      comment:
        'A feature reaches another through its module and services, never through its entities ' +
        '(their types may be named). The demo seed stands above every feature.',
      severity: 'error',
      from: { path: '^src/([^/]+)/', pathNot: '^src/seed/' },
      to: { path: '^src/([^/]+)/.+\\.entity\\.ts$', pathNot: '^src/$1/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'apps-import-only-contracts',
      comment: 'The pages share with the server only libs/contracts.',
      severity: 'error',
      from: { path: '^apps/' },
      to: { path: '^(src|test|scripts)/' },
    },
    {
      name: 'contracts-stand-alone',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^(src|apps|test)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(\\.spec\\.ts$|/migrations/)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    combinedDependencies: false,
  },
};
