import { builder } from './builder.js';
import { guardMoneyFields } from './money-range.js';
import './user.js';
import './member.js';
import './resource.js';
import './reservation.js';
import './site.js';
import './usage.js';
import './free-slots.js';
import './live-updates.js';
import './finance.js';
import './calendar-feed.js';
import './audit.js';
import './download-link.js';
import './invoicing-parties.js';

export const schema = guardMoneyFields(builder.toSchema({ sortSchema: false }));
