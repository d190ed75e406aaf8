import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { ClientCategory, ContactCadence } from '@ledger/domain';
import { IsLedgerId, IsMoney } from '../http/validation';

export class RegisterClientDto {
  @ApiProperty({ example: 'c-1' })
  @IsLedgerId()
  clientId!: string;

  @ApiProperty({ example: 'ООО «Ромашка»' })
  @IsString()
  @Length(1, 500)
  name!: string;

  @ApiProperty({ example: 10000, description: 'Monthly fee, roubles' })
  @IsMoney()
  monthlyFee!: number;

  @ApiProperty({ enum: ['A', 'B', 'C'] })
  @IsIn(['A', 'B', 'C'])
  category!: ClientCategory;

  @ApiProperty({ example: 'kpp-1', description: 'КПП who serves the client' })
  @IsLedgerId()
  kppId!: string;

  @ApiProperty({ example: 'pm-1', description: 'Personal manager (ПМ)' })
  @IsLedgerId()
  pmId!: string;

  @ApiPropertyOptional({ example: '7701234567' })
  @IsOptional()
  @Matches(/^\d{10}(\d{2})?$/, { message: 'inn must be 10 or 12 digits' })
  inn?: string;

  @ApiPropertyOptional({ enum: ['weekly', 'twice_weekly', 'biweekly', 'monthly'], default: 'weekly' })
  @IsOptional()
  @IsIn(['weekly', 'twice_weekly', 'biweekly', 'monthly'])
  contactCadence?: ContactCadence;

  @ApiPropertyOptional({ minimum: 1, maximum: 28, default: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(28)
  billingDay?: number;
}
