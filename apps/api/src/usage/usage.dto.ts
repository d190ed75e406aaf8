import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
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
import { IsBusinessDate, IsLedgerId } from '../http/validation';

export class UsageObservationDto {
  @ApiProperty() @IsLedgerId() clientId!: string;
  @ApiProperty({ example: '2026-03-02', description: 'the Monday the week starts' })
  @IsBusinessDate()
  weekStart!: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) logins?: number;
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
}

export class UsageObservationsDto {
  @ApiProperty({ type: [UsageObservationDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => UsageObservationDto)
  observations!: UsageObservationDto[];
}
