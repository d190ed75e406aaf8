import {
  Body,
  CanActivate,
  Controller,
  Get,
  HttpCode,
  Inject,
  Injectable,
  NotFoundException,
  Post,
  UseGuards,
} from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ApiExcludeController } from '@nestjs/swagger';
import { ROLES, Role } from '@ledger/domain';
import type { LedgerRuntime } from '@ledger/platform';
import { Public } from '../auth/auth';
import { FieldProblem, InvalidInput } from '../http/errors';
import { LEDGER_RUNTIME } from '../tokens';

/**
 * The body `{ employeeId, ric, roles }`, checked here rather than by a class-validator DTO: the
 * route is no part of the OpenAPI document, whose tests expect every DTO to be described in it.
 */
export function devTokenRequest(body: unknown): { employeeId: string; ric: string; roles: Role[] } {
  const { employeeId, ric, roles } = (body ?? {}) as Record<string, unknown>;
  const problems: FieldProblem[] = [];
  const id = (field: string, value: unknown) => {
    if (typeof value !== 'string' || !/^[^/]{1,100}$/.test(value))
      problems.push({ field, message: `${field} must be an id of 1 to 100 characters without a /` });
  };
  id('employeeId', employeeId);
  id('ric', ric);
  if (
    !Array.isArray(roles) ||
    roles.length === 0 ||
    !roles.every((r) => (ROLES as readonly unknown[]).includes(r))
  ) {
    problems.push({ field: 'roles', message: `roles must be a non-empty list of ${ROLES.join(', ')}` });
  }
  if (problems.length) throw new InvalidInput(problems);
  return { employeeId: employeeId as string, ric: ric as string, roles: roles as Role[] };
}

/** 404 unless CLOCK=manual, before the body is even validated: the routes do not exist otherwise. */
@Injectable()
export class ManualClockOnly implements CanActivate {
  constructor(@Inject(LEDGER_RUNTIME) private readonly runtime: Pick<LedgerRuntime, 'config'>) {}

  canActivate(): boolean {
    if (this.runtime.config.clock.mode !== 'manual') throw new NotFoundException({ error: 'not found' });
    return true;
  }
}

/**
 * Development only (ADR 0085): with CLOCK=manual — a demo or a test, never production, which
 * refuses that clock at start-up — the console's sign-in form asks here for a token instead of
 * `npm run token`. With the real clock both routes answer 404, as if they did not exist; so they
 * are not part of the API's OpenAPI document either.
 */
@ApiExcludeController()
@Public()
@UseGuards(ManualClockOnly)
@Controller('dev/tokens')
export class DevTokensController {
  constructor(
    private readonly jwt: JwtService,
    @Inject(LEDGER_RUNTIME) private readonly runtime: Pick<LedgerRuntime, 'config'>,
  ) {}

  /** 200 while tokens can be issued here (the console shows its form then), 404 otherwise. */
  @Get()
  available() {
    return { available: true, roles: ROLES };
  }

  @Post()
  @HttpCode(201)
  issue(@Body() raw: unknown) {
    const body = devTokenRequest(raw);
    const expiresIn = this.runtime.config.authMaxTokenTtlSeconds;
    const token = this.jwt.sign(
      { sub: body.employeeId, ric: body.ric, roles: body.roles },
      { algorithm: 'HS256', expiresIn },
    );
    return { token, expiresIn };
  }
}
