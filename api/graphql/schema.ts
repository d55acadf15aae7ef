import { builder } from './builder.js';
import './user.js';
import './member.js';
import './resource.js';
import './reservation.js';

export const schema = builder.toSchema({ sortSchema: false });
