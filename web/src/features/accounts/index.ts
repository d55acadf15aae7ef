export { AccountsScreen } from './accounts-screen.js';
