import type { FunctionComponent } from 'preact';
import type { Role } from './api/session';
import { AnalystPage } from './pages/analyst';
import { AuditorPage } from './pages/auditor';
import { ClientPage } from './pages/kpp/ClientPage';
import { PlannerPage } from './pages/kpp/PlannerPage';
import type { PageProps } from './pages/page-props';
import { PmQueuePage } from './pages/pm/PmQueuePage';

export interface Route {
  /** `/console/...`, `:name` segments become props.params */
  pattern: string;
  /** who may open it (the API checks again on every call) */
  roles: Role[];
  page: FunctionComponent<PageProps>;
  /** shown in the navigation when set */
  title?: string;
}

/**
 * The console's pages by role. The first navigable route a role may open is its home page. Every
 * role of the РИЦ may read a client's card (API.md); the forms on it are for КПП, ПМ and РОС.
 */
export const ROUTES: Route[] = [
  { pattern: '/console/kpp', title: 'Ежедневник КПП', roles: ['KPP', 'ROS', 'ADMIN'], page: PlannerPage },
  { pattern: '/console/pm', title: 'Очередь ПМ', roles: ['PM', 'ROS', 'ADMIN'], page: PmQueuePage },
  { pattern: '/console/auditor', title: 'Аудит звонков', roles: ['RKPP', 'ROS', 'ADMIN'], page: AuditorPage },
  {
    pattern: '/console/analyst',
    title: 'Отчёты',
    roles: ['ANALYST', 'RKPP', 'ROS', 'ADMIN'],
    page: AnalystPage,
  },
  {
    pattern: '/console/clients/:clientId',
    roles: ['KPP', 'PM', 'RKPP', 'ROS', 'ANALYST', 'ADMIN'],
    page: ClientPage,
  },
];
