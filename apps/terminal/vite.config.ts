import { pageAppConfig } from '../shared/vite-app.ts';

export default pageAppConfig('terminal', 'terminal');
