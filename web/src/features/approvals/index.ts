export { ApprovalsNavLink } from './approvals-nav-link.js';
export { ApprovalsScreen } from './approvals-screen.js';
