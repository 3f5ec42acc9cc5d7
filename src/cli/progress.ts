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
      // Without a terminal, a line when a step starts and whenever it reaches a new tenth.
      const tenth = Math.floor((done / total) * 10)
      if (step === lastStep && tenth <= lastTenth) return
      stream.write(`${step}: ${done}/${total}\n`)
      lastStep = step
      lastTenth = tenth
    },
    done() {
      if (drawn) stream.write('\r\x1b[K')
      drawn = false
    },
  }
}
