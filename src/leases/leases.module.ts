import { Global, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { JobLeaseRepository } from './job-lease.repository';
import { JobSchedulerService } from './job-scheduler.service';
import { LeaseService } from './lease.service';
import { JobLease, JobLeaseSchema } from './schemas/job-lease.schema';

@Global()
@Module({
  imports: [MongooseModule.forFeature([{ name: JobLease.name, schema: JobLeaseSchema }])],
  providers: [JobLeaseRepository, LeaseService, JobSchedulerService],
  exports: [LeaseService, JobSchedulerService],
})
export class LeasesModule {}
