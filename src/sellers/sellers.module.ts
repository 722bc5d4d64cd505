import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { Seller, SellerSchema } from './schemas/seller.schema';
import { SellerRepository } from './seller.repository';
import { SellersController } from './sellers.controller';
import { SellersService } from './sellers.service';

/** Seller accounts: registration, login, sessions and the profile. Credentials are in AuthModule. */
@Module({
  imports: [MongooseModule.forFeature([{ name: Seller.name, schema: SellerSchema }])],
  controllers: [SellersController],
  providers: [SellerRepository, SellersService],
  exports: [SellersService],
})
export class SellersModule {}
