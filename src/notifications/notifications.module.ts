import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { OutboxModule } from '../outbox/outbox.module';
import { EmailMessageRepository } from './email-message.repository';
import { EmailSendExecutor } from './email.outbox';
import { EmailService } from './email.service';
import { Mailer } from './mailer';
import { EmailMessage, EmailMessageSchema } from './schemas/email-message.schema';
import { SmtpMailer } from './smtp.mailer';

/** E-mail: a Mailer adapter (nodemailer over SMTP_URL) and durable sending through the outbox. */
@Module({
  imports: [
    MongooseModule.forFeature([{ name: EmailMessage.name, schema: EmailMessageSchema }]),
    OutboxModule,
  ],
  providers: [
    EmailMessageRepository,
    { provide: Mailer, useClass: SmtpMailer },
    EmailSendExecutor,
    EmailService,
  ],
  exports: [EmailService, Mailer],
})
export class NotificationsModule {}
