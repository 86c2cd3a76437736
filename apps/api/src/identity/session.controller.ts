import { Body, Controller, Delete, HttpCode, HttpStatus, Post, Req, Res, UnauthorizedException } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { ApiDoc } from '../http/openapi/api-docs.decorators';
import { problem } from '@okr/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CommandContextFactory } from '../application/context-factory';
import { Directory } from '../application/directory';
import { Public } from '../auth/auth.decorators';
import { RequestWithPrincipal } from '../auth/principal';
import { principalOf } from './auth.guard';
import { EndSessionCommand, StartSessionCommand } from './session.handler';
import { Sessions } from './sessions';
import { hashToken } from './token';
import { MeResponse, SignInDto } from './user.dto';
import { meView } from './users.controller';

type SessionRequest = FastifyRequest & RequestWithPrincipal;

/** Browser sign-in: a token exchanged for a session cookie, and sign-out. */
@ApiTags('identity')
@Controller('session')
export class SessionController {
  constructor(
    private readonly commands: CommandBus,
    private readonly contexts: CommandContextFactory,
    private readonly directory: Directory,
    private readonly sessions: Sessions,
  ) {}

  @Post()
  @Public()
  @HttpCode(200)
  @ApiDoc({
    summary: "Sign in from a browser: a user's token for the cookies okr_session (HttpOnly) and okr_csrf, for 12 hours",
    description:
      'Answers the user signed in, as GET /me does, with Set-Cookie: okr_session, okr_csrf. Writes under the session send the okr_csrf value as X-CSRF-Token.',
    type: MeResponse,
    public: true,
  })
  async signIn(
    @Req() request: SessionRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Body() body: SignInDto,
  ): Promise<MeResponse> {
    await this.directory.refresh();
    const tokenHash = hashToken(body.token);
    const user = this.directory.userOfToken(tokenHash);
    if (!user) {
      const message = 'The token is not valid';
      throw new UnauthorizedException(problem(HttpStatus.UNAUTHORIZED, { detail: message, errors: [{ field: 'token', message }] }));
    }
    request.principal = principalOf(user);
    const session = await this.commands.execute(new StartSessionCommand(this.contexts.fromRequest(request), tokenHash));
    this.sessions.setCookies(reply, session.secret, session.expiresAt);
    return meView(user);
  }

  @Delete()
  @Public()
  @HttpCode(204)
  @ApiDoc({
    summary: 'Sign out: ends the session of the okr_session cookie (with X-CSRF-Token) and clears both cookies',
    description: 'Answers 204 also when the session had ended already.',
    status: 204,
    public: true,
  })
  async signOut(@Req() request: SessionRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    const secret = this.sessions.secretOf(request);
    if (secret !== undefined) {
      await this.directory.refresh();
      const user = this.sessions.userOf(secret);
      if (user) {
        this.sessions.checkCsrf(request, secret);
        request.principal = principalOf(user);
        await this.commands.execute(new EndSessionCommand(this.contexts.fromRequest(request), hashToken(secret)));
      }
    }
    this.sessions.clearCookies(reply);
  }
}
