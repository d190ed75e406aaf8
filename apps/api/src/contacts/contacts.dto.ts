import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsEmail,
  Matches,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  MaxLength,
  Max,
  Min,
} from 'class-validator';
import { CALL_OUTCOMES, CALLBACK_MINUTES, WORK_STAGES } from '@ledger/domain';
import { IsInstant, IsLedgerId } from '../http/validation';

export class TransferStepDto {
  @ApiProperty({ enum: ['letter_and_ros_call', 'final_engineer_visit', 'first_remote_call'] })
  @IsIn(['letter_and_ros_call', 'final_engineer_visit', 'first_remote_call'])
  step!: 'letter_and_ros_call' | 'final_engineer_visit' | 'first_remote_call';

  @ApiPropertyOptional({ description: 'when it happened, if earlier than now' })
  @IsOptional()
  @IsInstant()
  occurredAt?: string;
}

export class PlanContactDto {
  @ApiProperty({ enum: ['planned', 'unplanned'] })
  @IsIn(['planned', 'unplanned'])
  kind!: 'planned' | 'unplanned';

  @ApiProperty({
    example: 'info_occasion',
    description: 'a planned goal or an unplanned reason (API.md codes)',
  })
  @IsString()
  @Length(1, 64)
  reason!: string;

  @ApiProperty({ example: '2026-03-16T10:00:00+03:00' })
  @IsInstant()
  plannedAt!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsLedgerId()
  contactPersonId?: string;

  @ApiPropertyOptional({ description: 'инфоповод' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  infoOccasion?: string;

  @ApiPropertyOptional({ type: [String], description: 'instruments the КПП means to use' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  instrumentsPlanned?: string[];
}

export class ServicePointDto {
  @ApiProperty({ example: 'branch-1' })
  @IsLedgerId()
  servicePointId!: string;

  @ApiProperty({ example: 'Филиал на Ленина, 5' })
  @IsString()
  @Length(1, 500)
  name!: string;

  @ApiProperty({ enum: ['weekly', 'twice_weekly', 'biweekly', 'monthly'] })
  @IsIn(['weekly', 'twice_weekly', 'biweekly', 'monthly'])
  contactCadence!: 'weekly' | 'twice_weekly' | 'biweekly' | 'monthly';
}

export class LeaveRemoteServiceDto {
  @ApiProperty({ enum: ['left', 'returned_to_field_service'] })
  @IsIn(['left', 'returned_to_field_service'])
  to!: 'left' | 'returned_to_field_service';

  @ApiProperty({ example: 'signs of deterioration', maxLength: 4000 })
  @IsString()
  @Length(1, 4000)
  reason!: string;
}

export class CallAttemptDto {
  @ApiProperty({ enum: CALL_OUTCOMES })
  @IsIn(CALL_OUTCOMES)
  outcome!: (typeof CALL_OUTCOMES)[number];

  @ApiProperty({ example: '2026-03-16T10:05:00+03:00' })
  @IsInstant()
  occurredAt!: string;

  @ApiPropertyOptional({ example: 240 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(86400)
  durationSec?: number;

  @ApiPropertyOptional({ enum: CALLBACK_MINUTES })
  @IsOptional()
  @IsIn(CALLBACK_MINUTES)
  callbackInMinutes?: 15 | 30 | 60;
}

export class CloseContactDto {
  @ApiProperty({ example: 'stage_4' })
  @IsString()
  @Length(1, 64)
  closingReason!: string;

  @ApiPropertyOptional({ type: [Number], example: [2, 4] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(6)
  @IsIn(WORK_STAGES, { each: true })
  stages?: number[];

  @ApiPropertyOptional({ type: [String], example: ['functional_card', 'video_consultant'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  instrumentsUsed?: string[];
}

const PERSON_ROLES = ['decision_maker', 'influencer', 'key_user', 'payer'] as const;

export class ContactPersonDto {
  @ApiPropertyOptional({ description: 'default: generated' })
  @IsOptional()
  @IsLedgerId()
  contactPersonId?: string;

  @ApiProperty({ example: 'Иванова Мария Петровна' })
  @IsString()
  @Length(1, 500)
  name!: string;

  @ApiProperty({ enum: PERSON_ROLES, isArray: true })
  @IsArray()
  @ArrayMaxSize(4)
  @IsIn(PERSON_ROLES, { each: true })
  roles!: Array<(typeof PERSON_ROLES)[number]>;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @Matches(/^\+?[0-9 ()-]{5,30}$/, { each: true, message: 'phones must be phone numbers' })
  phones?: string[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsEmail({}, { each: true })
  emails?: string[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  interests?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  position?: string;
}

export class ContactPersonChangeDto extends PartialType(ContactPersonDto) {}

export class DecisionMakerStepDto {
  @ApiProperty({ enum: ['email', 'call'], description: 'the e-mail with top questions first, then the call' })
  @IsIn(['email', 'call'])
  step!: 'email' | 'call';

  @ApiPropertyOptional({ maxLength: 4000 })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  comment?: string;
}

export class CompetitorDiagnosticsDto {
  @ApiProperty({ enum: ['yes', 'no', 'unknown'] })
  @IsIn(['yes', 'no', 'unknown'])
  competitor!: 'yes' | 'no' | 'unknown';

  @ApiPropertyOptional({ type: [String], example: ['Гарант'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  competitors?: string[];

  @ApiPropertyOptional({ maxLength: 4000 })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  comment?: string;
}
