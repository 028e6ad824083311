// Which chat a Telegram update belongs to, for the inbox: one chat's updates are handled in
// the order they arrived (a button press after the command that showed it).
export function telegramChatOf(update: unknown): string {
  const u = update as Record<string, { chat?: { id?: unknown }; message?: { chat?: { id?: unknown } }; from?: { id?: unknown } } | undefined>;
  for (const key of ['message', 'edited_message', 'channel_post', 'edited_channel_post', 'my_chat_member', 'chat_member']) {
    const id = u[key]?.chat?.id;
    if (id !== undefined) return String(id);
  }
  const cq = u.callback_query;
  return String(cq?.message?.chat?.id ?? cq?.from?.id ?? 'other');
}
