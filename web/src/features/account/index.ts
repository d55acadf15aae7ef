export { AccountScreen } from './account-screen.js';
