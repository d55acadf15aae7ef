export { WeekScreen } from './week-screen.js';
