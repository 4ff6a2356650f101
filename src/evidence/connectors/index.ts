/** Public entry: live evidence sources — Prometheus range queries and Alertmanager's current alerts. */
export { defaultStep, PROMETHEUS_MAX_POINTS, queryRange } from './prometheus.js';
export { listAlerts, type CurrentAlert, type ListAlertsOptions } from './alertmanager.js';
export { endpoint, httpRequest, type HttpAnswer, type HttpOptions } from './http.js';
export { addConnectorOptions, connectorSources, hasConnectorSources, type ConnectorCliOptions, type LiveWindow } from './timeline.js';
