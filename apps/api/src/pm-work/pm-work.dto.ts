import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

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
