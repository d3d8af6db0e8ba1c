/** Entry of the built CLI bundle: runs `main` and exits with its code (serve keeps running). */
import { main } from './main'

const code = await main(process.argv)
if (code !== 0) process.exit(code)
