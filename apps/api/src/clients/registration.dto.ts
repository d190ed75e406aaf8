import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { IsLedgerId } from '../http/validation';

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

export class AssignmentDto {
  @ApiPropertyOptional({ example: 'kpp-2', description: 'the new КПП' })
  @IsOptional()
  @IsLedgerId()
  kppId?: string;

  @ApiPropertyOptional({ example: 'pm-2', description: 'the new ПМ' })
  @IsOptional()
  @IsLedgerId()
  pmId?: string;

  @ApiPropertyOptional({ description: 'why (shown in the history)' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  comment?: string;
}
