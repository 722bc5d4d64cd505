import { ApiProperty } from '@nestjs/swagger';

export class RecoveryStatsDto {
  @ApiProperty({
    example: 120,
    description: 'Paid payments on the recovery worklist (every paid payment since recovery ran)',
  })
  totalSuccessful!: number;
  @ApiProperty({ example: 117 }) delivered!: number;
  @ApiProperty({ example: 1 }) failed!: number;
  @ApiProperty({ example: 2, description: 'Not delivered yet, not failed either' })
  pending!: number;
  @ApiProperty({ example: 4, description: 'Recovery acted and the payer now has access' })
  recovered!: number;
  @ApiProperty({ example: 5, description: 'Payments recovery had to act on' })
  neededRecovery!: number;
  @ApiProperty({ example: 0.975, description: 'delivered / totalSuccessful' })
  deliverySuccessRate!: number;
  @ApiProperty({ example: 0.8, description: 'recovered / neededRecovery' })
  recoverySuccessRate!: number;
}

export class RecoveryPassReportDto {
  @ApiProperty({ enum: ['scheduled', 'manual'], example: 'manual' }) trigger!: string;
  @ApiProperty({ example: '2026-01-01T10:15:00.000Z' }) startedAt!: Date;
  @ApiProperty({ example: '2026-01-01T10:15:01.000Z' }) finishedAt!: Date;
  @ApiProperty({ example: 0, description: 'Paid payments this pass put on the worklist' })
  watchesAdded!: number;
  @ApiProperty({ example: 3 }) checked!: number;
  @ApiProperty({
    example: { recovered: 2, already_member: 1, failed: 0, exhausted: 0 },
    description: 'How many payments ended with each outcome',
  })
  outcomes!: Record<string, number>;
  @ApiProperty({
    example: { redelivered: 1, reapplied: 1 },
    description: 'What the attempts did',
  })
  actions!: Record<string, number>;
}
