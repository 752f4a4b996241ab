export { bootstrapService, runService, type BootstrapOptions } from './lib/bootstrap-service';
export { HealthModule } from './lib/health.module';
export { NotReadyError, ReadinessProbe, READINESS_PROBES } from './lib/readiness-probe';
export { TouchpointErrorFilter } from './lib/touchpoint-error.filter';
export { AccessModule } from './lib/access.module';
export { AccessGuard, RequireAccess } from './lib/access.guard';
export { AccessTokens, bearerToken, type AccessLevel } from './lib/access-tokens';
export { parseRequest } from './lib/parse-request';
export { PeriodicTask } from './lib/periodic-task';
