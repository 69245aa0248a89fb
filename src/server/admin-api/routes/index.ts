// Every route of the administration API, one module per concern. A plain list: adding a module is
// one import and one line.
import type { ApiRoute } from '../api-route.js';
import { accountRoutes } from './account-routes.js';
import { documentRoutes } from './document-routes.js';
import { groupRoutes } from './group-routes.js';
import { historyRoutes } from './history-routes.js';
import { importRoutes } from './import-routes.js';
import { profileRoutes } from './profile-routes.js';
import { reportRoutes } from './report-routes.js';
import type { RouteDeps } from './route-support.js';
import { tenantRoutes } from './tenant-routes.js';
import { userRoutes } from './user-routes.js';

export type { RouteDeps } from './route-support.js';

export function apiRoutes(deps: RouteDeps): ApiRoute[] {
  return [
    ...tenantRoutes(deps),
    ...groupRoutes(deps),
    ...userRoutes(deps),
    ...accountRoutes(deps),
    ...reportRoutes(deps),
    ...profileRoutes(deps),
    ...documentRoutes(deps),
    ...importRoutes(deps),
    ...historyRoutes(deps),
  ];
}
