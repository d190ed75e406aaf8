import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNumber, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsLedgerId } from '../http/validation';

export const CLIENT_LIST_SORTS = ['clientId', 'name'] as const;
const LIFECYCLES = ['candidate', 'transferring', 'active', 'escalated', 'left', 'returned_to_field_service'];

/** GET /clients: filters, search, order and page (API.md "Queries"). */
export class ClientListQuery {
  @ApiPropertyOptional({ description: 'the КПП serving the client (a КПП may name only themselves)' })
  @IsOptional()
  @IsLedgerId()
  kppId?: string;

  @ApiPropertyOptional({ description: 'the client’s personal manager (ПМ)' })
  @IsOptional()
  @IsLedgerId()
  pmId?: string;

  @ApiPropertyOptional({ enum: ['KPP', 'PM'], description: 'who answers for the receivables now' })
  @IsOptional()
  @IsIn(['KPP', 'PM'])
  responsible?: 'KPP' | 'PM';

  @ApiPropertyOptional({ enum: LIFECYCLES })
  @IsOptional()
  @IsIn(LIFECYCLES)
  lifecycle?: string;

  @ApiPropertyOptional({ enum: ['A', 'B', 'C'] })
  @IsOptional()
  @IsIn(['A', 'B', 'C'])
  category?: string;

  @ApiPropertyOptional({ description: 'debt at least this many monthly fees deep (e.g. 1.5)' })
  @IsOptional()
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1000)
  minDebtMonths?: number;

  @ApiPropertyOptional({ description: 'part of the name or ИНН; case-insensitive, ё = е' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: CLIENT_LIST_SORTS, description: 'order of the list; default clientId' })
  @IsOptional()
  @IsIn(CLIENT_LIST_SORTS)
  sort?: (typeof CLIENT_LIST_SORTS)[number];

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page, as it was answered' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  cursor?: string;

  @ApiPropertyOptional({ description: 'read-your-writes: a position a command answered' })
  @IsOptional()
  @IsString()
  minPosition?: string;
}
