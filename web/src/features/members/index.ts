export { MembersScreen } from './members-screen.js';
