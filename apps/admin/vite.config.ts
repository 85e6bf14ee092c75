import { pageAppConfig } from '../shared/vite-app.ts';

export default pageAppConfig('admin', 'admin');
