/** Public entry of the HTTP layer: build the app, start it, and the helpers route modules use. */
export { API_PREFIX, buildApp, DEFAULT_BODY_LIMIT, type App, type AppOptions } from './app.js';
export { accessFor, installAuth, tokenAuthenticator, type Authenticator } from './auth.js';
export { checkDatabase } from './health.js';
export { contextOf, etagFor, PreconditionRequiredError, problemResponses, problemSchema, versionFrom, type Access, type RouteOptions, type RoutePlugin } from './kit.js';
export { DOCS_PATH, OPENAPI_PATH } from './openapi.js';
export { classify, httpStatus, problemOf, registerProblemHandlers, type Problem } from './problem.js';
export { DEFAULT_HOST, DEFAULT_PORT } from './defaults.js';
export { isLoopbackAddress, isLoopbackHost, startServer, type RunningServer, type ServeOptions } from './serve.js';
export { apiClient, type ApiClient, type InjectOptions } from './inject.js';
