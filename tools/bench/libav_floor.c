// Floor of in-process decoding (issue 14, ninth round): the CPU a long-lived process spends per track decoding the
// project's plan (10 segments of 9 s, or the whole file when it is at most WHOLE (default 2) times the plan) to
// 22 050 Hz mono float with soxr, without a process start, a filter graph or a file per track. Measurement only:
//   apt-get install -y libavformat-dev libavcodec-dev libavutil-dev libswresample-dev
//   gcc -O2 -o /tmp/libav_floor tools/bench/libav_floor.c $(pkg-config --cflags --libs libavformat libavcodec libswresample libavutil)
//   WHOLE=0 taskset -c 1 /tmp/libav_floor 5 FILE...      (WHOLE=0: always seek; WHOLE=100: always whole)
// Prints the CPU ms per track of each file (getrusage over REPS tracks after one warm-up).
#include <libavformat/avformat.h>
#include <libavcodec/avcodec.h>
#include <libswresample/swresample.h>
#include <libavutil/opt.h>
#include <sys/resource.h>
#include <stdio.h>
#include <stdlib.h>

#define RATE 22050
#define SEG (9 * RATE)
#define COUNT 10

static double cpu(void) {
  struct rusage u; getrusage(RUSAGE_SELF, &u);
  return u.ru_utime.tv_sec + u.ru_utime.tv_usec / 1e6 + u.ru_stime.tv_sec + u.ru_stime.tv_usec / 1e6;
}

static float *out;

static long decode_span(AVFormatContext *fc, int si, AVCodecContext *dc, double start, long want, float *dst) {
  AVStream *st = fc->streams[si];
  if (start > 0) {
    int64_t ts = (int64_t)(start / av_q2d(st->time_base));
    av_seek_frame(fc, si, ts, AVSEEK_FLAG_BACKWARD);
    avcodec_flush_buffers(dc);
  }
  SwrContext *swr = swr_alloc();
  AVChannelLayout mono = AV_CHANNEL_LAYOUT_MONO;
  av_opt_set_chlayout(swr, "in_chlayout", &dc->ch_layout, 0);
  av_opt_set_chlayout(swr, "out_chlayout", &mono, 0);
  av_opt_set_int(swr, "in_sample_rate", dc->sample_rate, 0);
  av_opt_set_int(swr, "out_sample_rate", RATE, 0);
  av_opt_set_sample_fmt(swr, "in_sample_fmt", dc->sample_fmt, 0);
  av_opt_set_sample_fmt(swr, "out_sample_fmt", AV_SAMPLE_FMT_FLT, 0);
  av_opt_set_int(swr, "resampler", SWR_ENGINE_SOXR, 0);
  int ch = dc->ch_layout.nb_channels;
  double matrix[16] = {0};
  for (int c = 0; c < ch; c++) matrix[c] = 1.0 / ch;
  swr_set_matrix(swr, matrix, ch);
  swr_init(swr);
  long got = 0;
  AVPacket *pkt = av_packet_alloc();
  AVFrame *fr = av_frame_alloc();
  int64_t skip = -1; // input samples to drop before start
  while (got < want && av_read_frame(fc, pkt) >= 0) {
    if (pkt->stream_index != si) { av_packet_unref(pkt); continue; }
    avcodec_send_packet(dc, pkt);
    av_packet_unref(pkt);
    while (got < want && avcodec_receive_frame(dc, fr) >= 0) {
      const uint8_t **data = (const uint8_t **)fr->extended_data;
      int n = fr->nb_samples;
      if (skip < 0) {
        double t = fr->pts == AV_NOPTS_VALUE ? start : fr->pts * av_q2d(st->time_base);
        skip = (int64_t)((start - t) * dc->sample_rate);
        if (skip < 0) skip = 0;
      }
      uint8_t *shifted[16];
      if (skip > 0) {
        int drop = skip < n ? (int)skip : n;
        int bps = av_get_bytes_per_sample(dc->sample_fmt);
        int planar = av_sample_fmt_is_planar(dc->sample_fmt);
        for (int c = 0; c < (planar ? ch : 1); c++) shifted[c] = (uint8_t *)data[c] + (size_t)drop * bps * (planar ? 1 : ch);
        data = (const uint8_t **)shifted; n -= drop; skip -= drop;
      }
      if (n <= 0) continue;
      uint8_t *o = (uint8_t *)(dst + got);
      int made = swr_convert(swr, &o, (int)(want - got), data, n);
      if (made > 0) got += made;
    }
  }
  av_frame_free(&fr); av_packet_free(&pkt); swr_free(&swr);
  return got;
}

static long track(const char *path) {
  AVFormatContext *fc = NULL;
  if (avformat_open_input(&fc, path, NULL, NULL) < 0) return -1;
  avformat_find_stream_info(fc, NULL);
  int si = av_find_best_stream(fc, AVMEDIA_TYPE_AUDIO, -1, -1, NULL, 0);
  AVStream *st = fc->streams[si];
  const AVCodec *codec = avcodec_find_decoder(st->codecpar->codec_id);
  AVCodecContext *dc = avcodec_alloc_context3(codec);
  avcodec_parameters_to_context(dc, st->codecpar);
  dc->thread_count = 1;
  avcodec_open2(dc, codec, NULL);
  double duration = fc->duration / (double)AV_TIME_BASE;
  long total = 0;
  if (duration <= (getenv("WHOLE") ? atof(getenv("WHOLE")) : 2.0) * COUNT * 9) {
    long whole = (long)(duration * RATE) + RATE;
    float *all = malloc(sizeof(float) * whole);
    total = decode_span(fc, si, dc, 0, whole, all);
    free(all);
  } else {
    double step = (duration - 9) / (COUNT - 1);
    for (int i = 0; i < COUNT; i++) total += decode_span(fc, si, dc, i * step, SEG, out + (long)i * SEG);
  }
  avcodec_free_context(&dc);
  avformat_close_input(&fc);
  return total;
}

int main(int argc, char **argv) {
  int reps = atoi(argv[1]);
  out = malloc(sizeof(float) * SEG * COUNT);
  for (int f = 2; f < argc; f++) {
    track(argv[f]); // warm-up
    double before = cpu();
    long samples = 0;
    for (int r = 0; r < reps; r++) samples += track(argv[f]);
    printf("%s: %.1f ms CPU per track, %ld samples per track\n", argv[f], (cpu() - before) * 1000 / reps, samples / reps);
  }
  return 0;
}
