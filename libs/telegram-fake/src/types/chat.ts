/** User and Chat objects of the Bot API. */

export interface User {
  id: number;
  is_bot: boolean;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
  is_premium?: true;
  can_join_groups?: boolean;
  can_read_all_group_messages?: boolean;
  supports_inline_queries?: boolean;
  can_connect_to_business?: boolean;
  has_main_web_app?: boolean;
}

export type ChatType = 'private' | 'group' | 'supergroup' | 'channel';

export interface Chat {
  id: number;
  type: ChatType;
  title?: string;
  username?: string;
  first_name?: string;
  last_name?: string;
  is_forum?: true;
}

export interface ChatPermissions {
  can_send_messages?: boolean;
  can_send_photos?: boolean;
  can_send_documents?: boolean;
  can_send_other_messages?: boolean;
  can_add_web_page_previews?: boolean;
  can_invite_users?: boolean;
  can_pin_messages?: boolean;
  can_manage_topics?: boolean;
}

export interface ChatFullInfo extends Chat {
  accent_color_id: number;
  max_reaction_count: number;
  description?: string;
  invite_link?: string;
  permissions?: ChatPermissions;
  join_to_send_messages?: true;
  join_by_request?: true;
  has_visible_history?: true;
  accepted_gift_types?: {
    unlimited_gifts: boolean;
    limited_gifts: boolean;
    unique_gifts: boolean;
    premium_subscription: boolean;
  };
}
