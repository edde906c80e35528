export { activate, deactivate } from './main';
