import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsMonday, IsLedgerId } from '../http/validation';

/** A week of a РИЦ of 10,000 clients in one request, with room to spare (ADR 0045). */
export const MAX_OBSERVATIONS = 20_000;

export const PORTAL_DEPARTMENTS = ['accounting', 'legal', 'procurement'] as const;

/** The service-activity counts of [000] (Активность по сервисам) for the week. */
export class ServiceActivityDto {
  @ApiPropertyOptional({ description: 'заказы документов' })
  @IsOptional()
  @IsInt()
  @Min(0)
  documentOrders?: number;
  @ApiPropertyOptional({ description: 'онлайн-заказы' })
  @IsOptional()
  @IsInt()
  @Min(0)
  onlineOrders?: number;
  @ApiPropertyOptional({ description: 'обращения на линию консультирования' })
  @IsOptional()
  @IsInt()
  @Min(0)
  consultingLineRequests?: number;
  @ApiPropertyOptional({ description: 'подборки' })
  @IsOptional()
  @IsInt()
  @Min(0)
  selectionOrders?: number;
  @ApiPropertyOptional({ description: 'обученные пользователи' })
  @IsOptional()
  @IsInt()
  @Min(0)
  trainedUsers?: number;
  @ApiPropertyOptional({ description: 'обращения в онлайн-диалог' })
  @IsOptional()
  @IsInt()
  @Min(0)
  onlineDialogRequests?: number;
  @ApiPropertyOptional({ description: 'регистрация в личном кабинете' })
  @IsOptional()
  @IsBoolean()
  personalAccountRegistered?: boolean;
  @ApiPropertyOptional({ description: 'техническая помощь' })
  @IsOptional()
  @IsInt()
  @Min(0)
  techSupportRequests?: number;
}

export class UsageObservationDto {
  @ApiProperty() @IsLedgerId() clientId!: string;
  @ApiProperty({ example: '2026-03-02', description: 'the Monday the week starts' })
  @IsMonday()
  weekStart!: string;
  @ApiPropertyOptional({ description: 'absent: unknown (no login data), never read as zero' })
  @IsOptional()
  @IsInt()
  @Min(0)
  logins?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) portalRequests?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(5) portalLowestRating?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) hotlineRequests?: number;
  @ApiPropertyOptional({ minimum: 0, maximum: 1 })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  trainedShare?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) webinars?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) newsletterClicks?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) videoClicks?: number;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() updatesInstalled?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() renewalPeriodStarted?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) unreturnedActs?: number;
  @ApiPropertyOptional({ enum: ['yes', 'no', 'unknown'] })
  @IsOptional()
  @IsIn(['yes', 'no', 'unknown'])
  competitor?: 'yes' | 'no' | 'unknown';
  @ApiPropertyOptional({
    enum: PORTAL_DEPARTMENTS,
    isArray: true,
    description: 'departments that used the portal',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(PORTAL_DEPARTMENTS.length)
  @ArrayUnique()
  @IsIn(PORTAL_DEPARTMENTS, { each: true })
  portalDepartments?: Array<(typeof PORTAL_DEPARTMENTS)[number]>;
  @ApiPropertyOptional({ description: 'подразделения, обученные менее чем наполовину' })
  @IsOptional()
  @IsInt()
  @Min(0)
  departmentsTrainedBelowHalf?: number;
  @ApiPropertyOptional({ description: 'сертификаты семинаров' })
  @IsOptional()
  @IsInt()
  @Min(0)
  seminarCertificates?: number;
  @ApiPropertyOptional({ type: ServiceActivityDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ServiceActivityDto)
  serviceActivity?: ServiceActivityDto;
}

export class UsageObservationsDto {
  @ApiProperty({ type: [UsageObservationDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_OBSERVATIONS)
  @ValidateNested({ each: true })
  @Type(() => UsageObservationDto)
  observations!: UsageObservationDto[];
}

/** A row the import did not record: its index in `observations` (CSV: data row, from 0) and why. */
export interface RejectedObservation {
  row: number;
  clientId: string;
  /** The refusal's stable code, e.g. `client_not_found`. */
  rule: string;
  error: string;
}

export interface UsageImportAnswer {
  observations: number;
  recorded: number;
  /** Of the row with the highest position: `?minPosition=position` waits for the whole import. */
  streamVersion: number;
  position: string;
  rejected: RejectedObservation[];
}

/** UsageImportAnswer for the OpenAPI document: the fields an import adds to the command answer. */
export const USAGE_IMPORT_ANSWER = {
  observations: { type: 'integer', description: 'rows received' },
  recorded: { type: 'integer', description: 'rows that appended an observation (a repeat appends nothing)' },
  rejected: {
    type: 'array',
    description: 'rows the domain refused (an unknown client); the others are recorded',
    items: {
      type: 'object',
      required: ['row', 'clientId', 'rule', 'error'],
      properties: {
        row: { type: 'integer', description: 'index of the row, from 0' },
        clientId: { type: 'string' },
        // a row of a client unknown here (another РИЦ's included); ROS and ADMIN meet no access rule
        rule: { type: 'string', enum: ['client_not_found'] },
        error: { type: 'string' },
      },
    },
  },
};
