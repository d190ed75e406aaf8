export * from './clock';
export * from './client-command';
export * from './client-command.service';
export * from './nest-handler';
