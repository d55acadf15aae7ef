export { MyReservationsScreen } from './my-reservations-screen.js';
export { PlanningScreen, type PlanningParams } from './planning-screen.js';
export { WeekScreen } from './week-screen.js';
