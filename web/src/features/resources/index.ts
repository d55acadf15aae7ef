export { ResourcesScreen } from './resources-screen.js';
