import { refuse } from '../shared/domain-error';
import type { Actor, Role } from '../shared/roles';
import type { ClientCommand, ClientCommandType } from './commands';
import type { RegisteredClient } from './state';

/**
 * Who may do what to a client (API.md, "Who may call what"), stated once per command: the HTTP
 * layer admits the roles, the deciders check the relation of a КПП or ПМ to the client.
 * ROS and ADMIN act for the РИЦ, so no relation applies to them; SYSTEM is a rule firing.
 */
export type Relation =
  /** Anyone of the roles. */
  | 'none'
  /** The КПП or ПМ who answers for the client now. */
  | 'responsible'
  /** The client's КПП, its ПМ, or the ПМ it was handed to. */
  | 'assigned'
  /** The client's ПМ or the ПМ it was handed to. */
  | 'personal_manager'
  /** The client's own КПП. */
  | 'own_kpp';

export interface AccessPolicy {
  roles: readonly Role[];
  relation: Relation;
  /** The rule code of a refusal for the relation. */
  refusal: string;
  /** What a КПП or ПМ may do of this command, when only part of it is theirs. */
  personMay?: (command: ClientCommand) => boolean;
}

const ROS_ADMIN: readonly Role[] = ['ROS', 'ADMIN'];
const CONTACT_WORK: readonly Role[] = ['KPP', 'PM', 'ROS'];

export const ACCESS: Record<ClientCommandType, AccessPolicy> = {
  RegisterClient: { roles: ROS_ADMIN, relation: 'none', refusal: 'not_allowed' },
  AddServicePoint: { roles: ROS_ADMIN, relation: 'none', refusal: 'not_allowed_service_point' },
  AssignClient: { roles: ROS_ADMIN, relation: 'none', refusal: 'not_allowed_assignment' },
  RecordTransferStep: {
    roles: ['ROS', 'ADMIN', 'KPP'],
    relation: 'own_kpp',
    refusal: 'not_allowed_transfer_step',
    // the client's КПП records the first remote call; РОС every step
    personMay: (c) => c.type === 'RecordTransferStep' && c.step === 'first_remote_call',
  },
  LeaveRemoteService: { roles: ROS_ADMIN, relation: 'none', refusal: 'not_allowed_lifecycle' },
  IssueInvoice: { roles: ROS_ADMIN, relation: 'none', refusal: 'not_allowed' },
  RecordPayment: {
    roles: ['ROS', 'ADMIN', 'KPP', 'PM'],
    relation: 'responsible',
    refusal: 'not_responsible',
  },
  RecordPaymentPromise: { roles: ['KPP', 'PM', 'ROS'], relation: 'responsible', refusal: 'not_responsible' },
  RefusePaymentDate: { roles: ['KPP', 'PM', 'ROS'], relation: 'responsible', refusal: 'not_responsible' },
  MarkPaymentReminderDone: {
    roles: ['KPP', 'PM', 'ROS'],
    relation: 'responsible',
    refusal: 'not_responsible',
  },
  HandOverToPM: { roles: ['KPP', 'ROS'], relation: 'responsible', refusal: 'not_responsible' },
  TakeClientAsThreat: { roles: ['PM', 'ROS'], relation: 'none', refusal: 'not_a_personal_manager' },
  PlanContact: { roles: CONTACT_WORK, relation: 'assigned', refusal: 'not_assigned' },
  RecordCallAttempt: { roles: CONTACT_WORK, relation: 'assigned', refusal: 'not_assigned' },
  CloseContact: { roles: CONTACT_WORK, relation: 'assigned', refusal: 'not_assigned' },
  AddContactPerson: { roles: CONTACT_WORK, relation: 'assigned', refusal: 'not_assigned' },
  ChangeContactPerson: { roles: CONTACT_WORK, relation: 'assigned', refusal: 'not_assigned' },
  // 152-ФЗ: only an administrator erases a person's data, on a recorded request
  EraseContactPerson: { roles: ['ADMIN'], relation: 'none', refusal: 'not_allowed_erasure' },
  RecordDecisionMakerStep: {
    roles: ['PM', 'ROS'],
    relation: 'personal_manager',
    refusal: 'not_personal_manager',
  },
  RecordCompetitorDiagnostics: {
    roles: ['PM', 'ROS'],
    relation: 'personal_manager',
    refusal: 'not_personal_manager',
  },
  RecordUsage: { roles: ROS_ADMIN, relation: 'none', refusal: 'not_allowed' },
  FireDeadline: { roles: [], relation: 'none', refusal: 'not_allowed' },
  // auditors (РКПП) review calls; a КПП reads the reviews of their own calls, never writes them
  ReviewCall: { roles: ['RKPP', 'ADMIN'], relation: 'none', refusal: 'not_allowed_review' },
};

/** The roles that may send a command (the HTTP layer's gate). */
export const rolesFor = (type: ClientCommandType): readonly Role[] => ACCESS[type].roles;

function related(relation: Relation, client: RegisteredClient, actor: Actor): boolean {
  const withPm = client.responsible.role === 'PM' ? client.responsible.employeeId : null;
  switch (relation) {
    case 'none':
      return true;
    case 'responsible':
      return client.responsible.role === actor.role && client.responsible.employeeId === actor.id;
    case 'assigned':
      return actor.role === 'KPP'
        ? client.kppId === actor.id
        : actor.role === 'PM' && (client.pmId === actor.id || withPm === actor.id);
    case 'personal_manager':
      return actor.role === 'PM' && (client.pmId === actor.id || withPm === actor.id);
    case 'own_kpp':
      return actor.role === 'KPP' && client.kppId === actor.id;
  }
}

function refusalMessage(relation: Relation, who: string, now: string): string {
  switch (relation) {
    case 'responsible':
      return `${who} is not responsible for this client (now ${now})`;
    case 'personal_manager':
      return `${who} is not this client's personal manager`;
    case 'assigned':
    case 'own_kpp':
    case 'none':
      return `${who} does not serve this client`;
  }
}

/** Refuses (403) a command its actor may not give for this client; nothing else is decided first. */
export function authorize(command: ClientCommand, client: RegisteredClient, actor: Actor): void {
  if (actor.role === 'SYSTEM') return;
  const policy = ACCESS[command.type];
  const role = actor.role;
  if (!policy.roles.includes(role)) {
    refuse(policy.refusal, `${role} may not ${command.type}`, 'forbidden');
  }
  if (role !== 'KPP' && role !== 'PM') return;
  if (policy.personMay && !policy.personMay(command)) {
    refuse(policy.refusal, `${role} ${actor.id} may not ${command.type} this way`, 'forbidden');
  }
  if (!related(policy.relation, client, actor)) {
    const now = `${client.responsible.role} ${client.responsible.employeeId}`;
    refuse(policy.refusal, refusalMessage(policy.relation, `${role} ${actor.id}`, now), 'forbidden');
  }
}
