import {
  CanActivate,
  ExecutionContext,
  Injectable,
  SetMetadata,
  UnauthorizedException,
  ForbiddenException,
  Inject,
  createParamDecorator,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { ROLES, Role } from '@ledger/domain';
import type { LedgerRuntime } from '@ledger/platform';
import type { Request } from 'express';
import { LEDGER_RUNTIME } from '../tokens';
import { tokenLifetimeProblem } from './token-lifetime';

/** The caller, from the bearer token: an employee of one РИЦ with one or more roles. */
export interface Caller {
  employeeId: string;
  ric: string;
  roles: Role[];
}

export interface TokenClaims {
  sub: string;
  ric: string;
  roles: Role[];
}

const PUBLIC = 'ledger:public';
const ROLES_KEY = 'ledger:roles';

/** No token needed (health, docs). */
export const Public = () => SetMetadata(PUBLIC, true);
/** Which roles may call; checked after the token. */
export const AllowRoles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export const CurrentCaller = createParamDecorator((_: unknown, context: ExecutionContext): Caller => {
  const request = context.switchToHttp().getRequest<Request & { caller?: Caller }>();
  if (!request.caller) throw new UnauthorizedException('no caller');
  return request.caller;
});

export const hasRole = (caller: Caller, ...roles: Role[]) => caller.roles.some((r) => roles.includes(r));

const isClaims = (value: unknown): value is TokenClaims => {
  const v = value as Partial<TokenClaims> | null;
  return (
    !!v &&
    typeof v.sub === 'string' &&
    v.sub.length > 0 &&
    typeof v.ric === 'string' &&
    v.ric.length > 0 &&
    Array.isArray(v.roles) &&
    v.roles.length > 0 &&
    v.roles.every((r) => (ROLES as readonly string[]).includes(r))
  );
};

/** Every route needs a valid HS256 bearer token unless marked @Public; then the role check. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly jwt: JwtService,
    private readonly reflector: Reflector,
    @Inject(LEDGER_RUNTIME) private readonly runtime: LedgerRuntime,
  ) {}

  /**
   * Each route's metadata (per controller class and handler), read once: reflection on every
   * request costs time and gains nothing.
   */
  private readonly routes = new WeakMap<object, WeakMap<object, { isPublic: boolean; allowed?: Role[] }>>();

  private routeOf(context: ExecutionContext) {
    const handler = context.getHandler();
    const controller = context.getClass();
    let ofController = this.routes.get(controller);
    if (!ofController) this.routes.set(controller, (ofController = new WeakMap()));
    let route = ofController.get(handler);
    if (!route) {
      const targets = [handler, controller];
      route = {
        isPublic: !!this.reflector.getAllAndOverride<boolean>(PUBLIC, targets),
        allowed: this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets),
      };
      ofController.set(handler, route);
    }
    return route;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const { isPublic, allowed } = this.routeOf(context);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<Request & { caller?: Caller }>();
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme !== 'Bearer' || !token) throw new UnauthorizedException('a bearer token is required');
    let claims: unknown;
    try {
      claims = await this.jwt.verifyAsync(token, { algorithms: ['HS256'] });
    } catch {
      throw new UnauthorizedException('the bearer token is not valid');
    }
    const lifetime = tokenLifetimeProblem(
      claims as { exp?: unknown; iat?: unknown },
      Math.floor(Date.now() / 1000),
      this.runtime.config.authMaxTokenTtlSeconds,
    );
    if (lifetime) throw new UnauthorizedException(lifetime);
    if (!isClaims(claims)) throw new UnauthorizedException('the bearer token lacks sub, ric or roles');
    request.caller = { employeeId: claims.sub, ric: claims.ric, roles: claims.roles };
    if (allowed && !hasRole(request.caller, ...allowed)) {
      throw new ForbiddenException(`this action needs one of the roles ${allowed.join(', ')}`);
    }
    return true;
  }
}
