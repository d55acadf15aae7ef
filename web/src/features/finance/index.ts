export { MyInvoicesScreen } from './my-invoices-screen.js';
export { MyStructureScreen } from './my-structure-screen.js';
export { PeriodScreen } from './period-screen.js';
export { TreasuryScreen } from './treasury-screen.js';
