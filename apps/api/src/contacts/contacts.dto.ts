import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
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
