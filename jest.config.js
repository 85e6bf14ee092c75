/** Unit specs live beside the code (src/**\/*.spec.ts); end-to-end suites under test/ (*.e2e-spec.ts). */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  testRegex: [
    'src/.*\\.spec\\.ts$',
    'libs/.*\\.spec\\.ts$',
    'apps/.*\\.spec\\.ts$',
    'test/.*\\.e2e-spec\\.ts$',
  ],
  // NestJS 12 ships ES modules; jest on Node 20 cannot require() them, so swc compiles them to CommonJS.
  transformIgnorePatterns: [
    '/node_modules/(?!(@nestjs|file-type|strtok3|token-types|peek-readable|@tokenizer|uint8array-extras|content-disposition)/)',
  ],
  transform: { '^.+\\.(ts|js|mjs)$': swc },
  // The contracts' import alias (tsconfig.json "paths"), as nest build and vite resolve it.
  moduleNameMapper: { '^@o2o/contracts$': '<rootDir>/libs/contracts/src' },
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  testTimeout: 120000,
};
