export { ResourceCreateScreen } from './resource-create-screen.js';
export { ResourceSettingsScreen } from './resource-settings-screen.js';
export { SitesScreen } from './sites-screen.js';
