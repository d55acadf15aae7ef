export { UsageScreen } from './usage-screen.js';
