/** The partner room's part of the schema: history, integrity, time travel and impact indicators. */
import './history.js';
import './integrity.js';
import './time-travel.js';
import './impact.js';
