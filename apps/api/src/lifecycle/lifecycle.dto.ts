import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { IsInstant } from '../http/validation';

export class TransferStepDto {
  @ApiProperty({ enum: ['letter_and_ros_call', 'final_engineer_visit', 'first_remote_call'] })
  @IsIn(['letter_and_ros_call', 'final_engineer_visit', 'first_remote_call'])
  step!: 'letter_and_ros_call' | 'final_engineer_visit' | 'first_remote_call';

  @ApiPropertyOptional({ description: 'when it happened, if earlier than now' })
  @IsOptional()
  @IsInstant()
  occurredAt?: string;
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
