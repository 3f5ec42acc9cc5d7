// Progress for long runs: a bar redrawn in place on a terminal, a few plain lines otherwise (logs, CI).
export interface ProgressReporter {
  update: (step: string, done: number, total: number) => void
  done: () => void
}

export function progressReporter(stream: NodeJS.WriteStream = process.stderr): ProgressReporter {
  let lastStep = ''
  let lastTenth = -1
  let drawn = false
  return {
    update(step, done, total) {
      if (total <= 0) return
      if (stream.isTTY) {
        const width = 30
        const filled = Math.round((done / total) * width)
        stream.write(`\r${step.padEnd(7)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`)
        drawn = true
        return
      }
      // Without a terminal, a line at the start of each step and at every tenth of it.
      const tenth = Math.floor((done / total) * 10)
      if (step !== lastStep || tenth !== lastTenth) {
        if (step !== lastStep || tenth > lastTenth) stream.write(`${step}: ${done}/${total}\n`)
        lastStep = step
        lastTenth = tenth
      }
    },
    done() {
      if (drawn) stream.write('\r\x1b[K')
      drawn = false
    },
  }
}
