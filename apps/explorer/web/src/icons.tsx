/** Channel icons; decorative, since the channel is always written next to them. */
export function ChannelIcon({ channel }: { channel: string }) {
  const path =
    channel === 'store'
      ? 'M3 9l1.5-5h15L21 9v2a3 3 0 01-5 2 3 3 0 01-4 0 3 3 0 01-4 0 3 3 0 01-5-2zM5 14v6h14v-6M10 20v-4h4v4'
      : channel === 'app' || channel === 'mobile'
        ? 'M8 2h8a2 2 0 012 2v16a2 2 0 01-2 2H8a2 2 0 01-2-2V4a2 2 0 012-2zM11 18h2'
        : 'M12 2a10 10 0 100 20 10 10 0 000-20zM2 12h20M12 2c3 3 4 6.5 4 10s-1 7-4 10c-3-3-4-6.5-4-10s1-7 4-10z';
  return (
    <svg class="icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
      <path d={path} fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" />
    </svg>
  );
}
