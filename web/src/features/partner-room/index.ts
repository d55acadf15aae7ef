export { HistoryScreen, ThingHistoryScreen, type HistoryFilterValues } from './history-screen.js';
export { ImpactScreen } from './impact-screen.js';
export { IntegrityScreen } from './integrity-screen.js';
export { TimeTravelScreen } from './time-travel-screen.js';
