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
import { ApiExcludeController, ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn } from 'class-validator';
import { ROLES, Role } from '@ledger/domain';
import type { LedgerRuntime } from '@ledger/platform';
import { Public } from '../auth/auth';
import { IsLedgerId } from '../http/validation';
import { LEDGER_RUNTIME } from '../tokens';

export class DevTokenDto {
  @ApiProperty({ example: 'kpp-1' })
  @IsLedgerId()
  employeeId!: string;

  @ApiProperty({ example: '444', description: 'РИЦ' })
  @IsLedgerId()
  ric!: string;

  @ApiProperty({ enum: ROLES, isArray: true, example: ['KPP'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ROLES.length)
  @IsIn(ROLES, { each: true })
  roles!: Role[];
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
  issue(@Body() body: DevTokenDto) {
    const expiresIn = this.runtime.config.authMaxTokenTtlSeconds;
    const token = this.jwt.sign(
      { sub: body.employeeId, ric: body.ric, roles: body.roles },
      { algorithm: 'HS256', expiresIn },
    );
    return { token, expiresIn };
  }
}
