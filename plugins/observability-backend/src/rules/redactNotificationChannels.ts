import { InputError } from '@backstage/errors';
import {
  AlertRule,
  NotificationChannel,
} from '@catalyst/plugin-observability-common';
import { REDACTED_PATH, redactUrl } from '../redaction/redactUrls';

function channelUrl(channel: NotificationChannel): string | undefined {
  if (channel.type === 'slack') return channel.webhookUrl;
  if (channel.type === 'webhook') return channel.url;
  return undefined;
}

function withUrl(
  channel: NotificationChannel,
  url: string,
): NotificationChannel {
  if (channel.type === 'slack') return { ...channel, webhookUrl: url };
  if (channel.type === 'webhook') return { ...channel, url };
  return channel;
}

/** The channels with every Slack and webhook URL redacted. */
export function redactChannels(
  channels: NotificationChannel[],
): NotificationChannel[] {
  return channels.map(channel => {
    const url = channelUrl(channel);
    return url === undefined ? channel : withUrl(channel, redactUrl(url));
  });
}

/** The rule as responses show it: notification URLs redacted. */
export function redactRule(rule: AlertRule): AlertRule {
  return {
    ...rule,
    notificationChannels: redactChannels(rule.notificationChannels),
  };
}

/**
 * Channels of an update, with every redacted URL (as a client got it from a read and sent
 * back unchanged) replaced by the stored URL it stands for. A redacted URL that stands for
 * no stored one is refused: the full URL has to be sent.
 */
export function restoreRedactedChannels(
  next: NotificationChannel[],
  stored: NotificationChannel[],
): NotificationChannel[] {
  return next.map(channel => {
    const url = channelUrl(channel);
    if (url === undefined || !url.endsWith(REDACTED_PATH)) return channel;
    const original = stored
      .filter(s => s.type === channel.type)
      .map(channelUrl)
      .find(
        storedUrl => storedUrl !== undefined && redactUrl(storedUrl) === url,
      );
    if (original === undefined) {
      throw new InputError(
        `The ${channel.type} URL ${url} is redacted and stands for no stored URL of this rule: send the full URL`,
      );
    }
    return withUrl(channel, original);
  });
}
