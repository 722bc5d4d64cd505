import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ProbeDto {
  @ApiProperty({ enum: ['up', 'down', 'off'], example: 'up' }) status!: 'up' | 'down' | 'off';
  @ApiPropertyOptional({ example: 3 }) latencyMs?: number;
  @ApiPropertyOptional({ example: 'connect ECONNREFUSED 10.0.0.5:443' }) error?: string;
}

export class TelegramProbeDto extends ProbeDto {
  @ApiPropertyOptional({ example: 'membergate_bot' }) botUsername?: string;
}

export class OutboxStatsDto {
  @ApiProperty({ example: 3, description: 'pending + sending' }) backlog!: number;
  @ApiProperty({ example: 1200, description: 'Age of the oldest due pending job; 0 when none' })
  oldestDueAgeMs!: number;
  @ApiProperty({ example: { pending: 2, sending: 1, done: 950, failed: 4, dead: 0 } })
  byStatus!: Record<string, number>;
}

export class JobLeaseDto {
  @ApiProperty({ example: 'recovery.deliveries' }) name!: string;
  @ApiProperty({ example: 42 }) generation!: number;
  @ApiProperty({ example: 'host-a:1234:9f2c1a0b' }) owner!: string;
  @ApiProperty({ example: '2026-01-01T10:00:00.000Z' }) acquiredAt!: Date;
  @ApiProperty({ example: '2026-01-01T10:01:00.000Z' }) expiresAt!: Date;
  @ApiPropertyOptional({ example: '2026-01-01T10:00:02.000Z' }) releasedAt?: Date;
  @ApiPropertyOptional({ example: 'ok', description: 'ok, or error: <message>' }) outcome?: string;
  @ApiProperty({ example: false, description: 'Held right now by a live run' }) running!: boolean;
}

export class SystemCheckDto {
  @ApiProperty({ enum: ['ok', 'degraded'], example: 'ok' }) status!: 'ok' | 'degraded';
  @ApiProperty({ example: '2026-01-01T10:00:05.000Z' }) checkedAt!: Date;
  @ApiProperty({ example: [], type: String, isArray: true }) warnings!: string[];
  @ApiProperty({ type: ProbeDto }) database!: ProbeDto;
  @ApiProperty({ type: TelegramProbeDto, description: '"off" when no bot token is configured' })
  telegram!: TelegramProbeDto;
  @ApiProperty({ type: OutboxStatsDto }) outbox!: OutboxStatsDto;
  @ApiProperty({ type: JobLeaseDto, isArray: true, description: 'Each job lease and its last run' })
  jobs!: JobLeaseDto[];
}
