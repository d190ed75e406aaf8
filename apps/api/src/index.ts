export * from './create-app';
export * from './app.module';
