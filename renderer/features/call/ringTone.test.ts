import { describe, expect, it } from 'vitest';
import { Ringer, ringToneWav, type RingAudio } from './ringTone';

class FakeAudio implements RingAudio {
  volume = 1;
  paused = true;
  currentTime = 0;
  plays = 0;
  play() {
    this.paused = false;
    this.plays++;
  }
  pause() {
    this.paused = true;
  }
}

/** A ringer over one fake audio element, counting how many times it made one. */
function countingRinger() {
  const audio = new FakeAudio();
  let made = 0;
  const ringer = new Ringer(() => {
    made++;
    return audio;
  });
  return { audio, ringer, made: () => made };
}

describe('ring tone', () => {
  it('is a valid 8 kHz mono 16-bit WAV of one 3 s cycle, with sound in it', () => {
    const wav = ringToneWav();
    const view = new DataView(wav.buffer);
    const text = (at: number, n: number) => String.fromCharCode(...wav.slice(at, at + n));
    expect(text(0, 4)).toBe('RIFF');
    expect(text(8, 4)).toBe('WAVE');
    expect(view.getUint16(22, true)).toBe(1);
    expect(view.getUint32(24, true)).toBe(8000);
    expect(view.getUint16(34, true)).toBe(16);
    expect(view.getUint32(40, true)).toBe(3 * 8000 * 2);
    expect(wav.length).toBe(44 + 3 * 8000 * 2);
    let peak = 0;
    for (let i = 44; i < 44 + 8000; i += 2) peak = Math.max(peak, Math.abs(view.getInt16(i, true)));
    expect(peak).toBeGreaterThan(10_000);
    // The tail of the cycle is silence.
    expect(view.getInt16(wav.length - 2, true)).toBe(0);
  });

  it('plays while a call rings, softer as call waiting, and stops (rewound) when it stops ringing', () => {
    const { audio, ringer, made } = countingRinger();
    ringer.update('off');
    expect(made()).toBe(0);
    ringer.update('ring');
    expect(audio).toMatchObject({ paused: false, volume: 1 });
    ringer.update('waiting');
    expect(audio).toMatchObject({ paused: false, volume: 0.3, plays: 1 });
    audio.currentTime = 1.5;
    ringer.update('off');
    expect(audio).toMatchObject({ paused: true, currentTime: 0 });
    ringer.update('ring');
    expect(audio.plays).toBe(2);
    expect(made()).toBe(1);
  });

  it('can make its audio ahead of the first call, silent until a call rings', () => {
    const { audio, ringer, made } = countingRinger();
    ringer.prepare();
    ringer.prepare();
    expect(made()).toBe(1);
    expect(audio.plays).toBe(0);
    ringer.update('ring');
    expect(made()).toBe(1);
    expect(audio).toMatchObject({ paused: false, plays: 1 });
  });

  it('survives a browser that refuses to play', () => {
    const ringer = new Ringer(() => ({
      volume: 1,
      paused: true,
      currentTime: 0,
      play: () => Promise.reject(new Error('NotAllowedError')),
      pause: () => undefined,
    }));
    expect(() => ringer.update('ring')).not.toThrow();
  });
});
