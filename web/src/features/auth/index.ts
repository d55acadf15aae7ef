export { LoginScreen, type LoginNotice } from './login-screen.js';
export { LogoutButton } from './logout-button.js';
export { useMeQuery } from './me-query.js';
export { ChoosePasswordScreen } from './choose-password-screen.js';
