from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "late_reschedule_payout" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "amount" VARCHAR(40) NOT NULL,
    "agency_id" INT NOT NULL REFERENCES "agency" ("id") ON DELETE RESTRICT,
    "driver_id" INT NOT NULL REFERENCES "driver" ("id") ON DELETE RESTRICT,
    "late_reschedule_id" INT NOT NULL REFERENCES "late_reschedule" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_late_resche_late_re_51b1c8" UNIQUE ("late_reschedule_id", "driver_id")
) /* What one driver is paid for a billable late reschedule (one row per driver), as */;
CREATE INDEX IF NOT EXISTS "idx_late_resche_agency__f961b2" ON "late_reschedule_payout" ("agency_id", "driver_id");
        ALTER TABLE "mission" ADD "vehicle_class" VARCHAR(64);
        ALTER TABLE "cancellation" ADD "rebooked_credit" VARCHAR(40);
        ALTER TABLE "late_reschedule" ADD "rebooked_credit" VARCHAR(40);
        ALTER TABLE "late_reschedule" ADD "waiver_note" TEXT;
        ALTER TABLE "late_reschedule" ADD "waived" INT NOT NULL DEFAULT 0;
        ALTER TABLE "late_reschedule" ADD "payout_total" VARCHAR(40) NOT NULL DEFAULT 0;
        ALTER TABLE "late_reschedule" ADD "waived_at" TIMESTAMP;
        ALTER TABLE "late_reschedule" ADD "waived_by_id" INT;
        CREATE INDEX "idx_late_resche_agency__ee0456" ON "late_reschedule" ("agency_id", "rescheduled_at");
        -- extra one_tier_backfill, injected by migrations/make_migration.py
        UPDATE "cancellation" SET "tier" = 1
            WHERE "tier" IS NULL AND "billable" = 1 AND "policy_version_id" IS NULL;
        UPDATE "cancellation" SET "rebooked_credit" = (
            SELECT p."rebooked_credit" FROM "pending_review_item" AS p
            WHERE p."cancellation_id" = "cancellation"."id"
            AND p."rebooked_credit_confirmed_at" IS NOT NULL AND p."withdrawn_at" IS NULL)
            WHERE "rebooked_credit" IS NULL;
        UPDATE "late_reschedule" SET
            "waived" = COALESCE((SELECT p."waived" FROM "pending_review_item" AS p
                WHERE p."late_reschedule_id" = "late_reschedule"."id" AND p."withdrawn_at" IS NULL),
                "waived"),
            "rebooked_credit" = (SELECT p."rebooked_credit" FROM "pending_review_item" AS p
                WHERE p."late_reschedule_id" = "late_reschedule"."id" AND p."withdrawn_at" IS NULL
                AND p."rebooked_credit_confirmed_at" IS NOT NULL);
        INSERT INTO "late_reschedule_payout" ("agency_id", "late_reschedule_id", "driver_id", "amount")
            SELECT lr."agency_id", lr."id", CAST(json_extract(p.value, '$.driverId') AS INTEGER),
            json_extract(p.value, '$.amount')
            FROM "late_reschedule" AS lr, json_each(lr."decision", '$.payouts') AS p
            WHERE NOT EXISTS (
                SELECT 1 FROM "late_reschedule_payout" AS x WHERE x."late_reschedule_id" = lr."id");
        UPDATE "late_reschedule" SET "payout_total" = printf('%.2f', COALESCE((
            SELECT SUM(CAST(ROUND(x."amount" * 100) AS INTEGER)) FROM "late_reschedule_payout" AS x
            WHERE x."late_reschedule_id" = "late_reschedule"."id"), 0) / 100.0);"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        -- extra one_tier_backfill, injected by migrations/make_migration.py
        -- the one-tier backfill keeps its data
        DROP INDEX IF EXISTS "idx_late_resche_agency__ee0456";
        ALTER TABLE "mission" DROP COLUMN "vehicle_class";
        ALTER TABLE "cancellation" DROP COLUMN "rebooked_credit";
        ALTER TABLE "late_reschedule" DROP COLUMN "rebooked_credit";
        ALTER TABLE "late_reschedule" DROP COLUMN "waiver_note";
        ALTER TABLE "late_reschedule" DROP COLUMN "waived";
        ALTER TABLE "late_reschedule" DROP COLUMN "payout_total";
        ALTER TABLE "late_reschedule" DROP COLUMN "waived_at";
        ALTER TABLE "late_reschedule" DROP COLUMN "waived_by_id";
        DROP TABLE IF EXISTS "late_reschedule_payout";"""


MODELS_STATE = (
    "eJztXW1z4ji2/isqvnS6ipnqvHYvc+tWkYTuZoeEVEJPz+5ky+1gJfgGLMY2SbO789+vJN"
    "vYlmUjG2OM+3xJwNY5wCPpWOf9P60ZMfDU+bn7hK3xstVB/2lZ+gzTF8KdNmrp83l4nV1w"
    "9YcpH6qHYx4c19bHLr36qE8dTC8Z2Bnb5tw1icXGdpGLLd1yO8h0HWTgR30xpS8o8+kSvU"
    "6wjZGOxgvHJTNsI2IjwzZf6CsH01EWcSem9fQz+yiDjOln0Xelcl1Y5p8LrLnkCbuUjPL+"
    "41/0smkZ+Dt2grfzZ+3RxFMjBphpMAb8uuYu5/xa33I/8oHsCz9oYzJdzKxw8HzpToi1Gm"
    "1aLrtK0cS27mLG3rUXDERrMZ36aAe4et80HOJ9xQiNjwK9wKi9LxBea2na9XCk3fVGmtZK"
    "TFNAEcHYvzQmFpti+lUd/uuf2Ff46ejw5P3Jh+Ozkw90CP+aqyvv//I+OgTGI+TwXI9af/"
    "H7uqt7IzjGIaj8fwLWi4luy3ENxgvI0q8sIhvgmAVtcCHENlzVVYA7079rU2w9uROG6Lt3"
    "GVD+1r29+Ny9PaCj3rKPJHQbervz2r915N1jeIf4uuYMa/8mVi6QY0TVId36MrpoVQL12Y"
    "kC0mcnqUCzW3GcxwvbDoSkKsxRmgpR7n25rQblYwWQj1MxPhYh9r+tNtatMaYYsC+nvdKf"
    "Sl61mWktXOzkENCK3NZL8LLm5fDk5F2thXhyJihO5mwx0x7M6ZR+/gazkMGpuhk42xf8Te"
    "uFmGNsxBavXPL0rMWMQ9+n34iNTp5U0phVKJLOB8OLX3MKJY+og/i/e6s7GAy/al/7o8/a"
    "xW3vsj9itL0Okl8XD5hK4uxIRZ4dpQu0I1GiWURzJlTePGLJ4/kSj82ZPk05BsUphakyPN"
    "KffRYK0+YfKetyMMoA+rJ30b/qDg4Oj9oe1M6fU9PF0Tk4SZyC8Au2XM3BfyZhPjefUqVT"
    "jKw6ObRlMfS3o6Pj4/dH747PPpyevH9/+uHdSh4lb2UJpvP+JyabYss9VVjJ0U/Xn+JUjQ"
    "G/tGfA2Mbsl2u6KxEd9A47w6ccO2OUoujwSX8OXuyjWkV/oDG0pktfsGXgOupf9e5G3asb"
    "9nEzh8oSjl931GN3jvjVpXD14EwQ8SsmiD1mEHuL/jm85g+ZOXHcJ5t/Yjhu9M8W+076wi"
    "WaRaW4bkTU+uBqgNpfzCDx+BzRntmFB338/Krbhha7Ey6PhYNtyUHs3Cf7+OstTn3S+5ah"
    "L5TFHs7+X8F6D66GqyCqrnmmog0huvDZNBUmz4q2IUiXnElTIdIdx3yyZpjRbARTd8WoqV"
    "DNTPoT6YjNcLryuDQVJGIbG++4IePRVIDoU8mU2RjyAHS34tFEhKKK/KYPOMEm0ES45vqS"
    "LDaV3lGgbjjDpsJFD9dOqevqljNsKly+IrshXn2PS1NBsvGLiV8108WzDYG6wZZBv84tZ9"
    "in/JoKWcxvMSdTc7zxUzEmwxjH5Y8D3lJjik65D0wPw988vk2Fkv5UrNn0AybYWEw3XYID"
    "yu12xewHwUwr5QQSh67ZZxBumN8Qr95Lg1Vt08CzOXFZdAFdaGOqVG56AAkZ3nJ+TUXuFT"
    "9MCHnW6DliTsyNV9lXj13P59Yk1JgZmhyRNMN0/Fb0rDfVl9pMt5/TkR1aeETon/X4shHL"
    "K5/ZXjo55cDOjmYCsDPd0p/4t2TsGHHUTi+J7Azs9xlxnfO5tghGrY3svCMzTCyMXicEMV"
    "Olg0yrg3QL6cbMtNqIzBn4xG4jG8+J7WL6ithI92Mx3/BwzWRoZ3lsIbYTYjtrs7sriO20"
    "yTQF3/VRPwFtnbFudS+v+tcdxP/dW8Ob3m13NLztoODVvXV52/+tR694/++t297N8HbErg"
    "SvRHmjMluHZwqTdSi6gcO5YrfiU0UFKxVWkgceofOgW/L9EBIJs/RAqbY1TYEAqjaq53w4"
    "HMRc8Od9IbDk+svVeY+iLsT8JAMj8Hf6iLD0qSaT6enCRyArtC/EA8ZupXsFweXkGVuB4S"
    "THAzRBB+E94irmEDlUd3uhL4pE+UgZlBDsU89DdN1jewJMEsE9ENKltr2aFdIVOxrw5Drp"
    "0ypVgMZoqhOetddFxMilfKjGaAqhWjPhWAaoiehDceUmAf5IbEwV+V/xMqGDpIQ+rRjt2a"
    "pNM+HQy7b+urIzxPcr/f30V2Pv/HpLxcdt/2LUkqzeEpBVjr2r2cpVBTa2ZVOAVQmXhZCZ"
    "vP56bJcZMtOcFRp3JuglxM/+ADjR86thuvSIJM0ezAUW53RNGTV170G4AoQr1My5l9Nhtc"
    "qakDitohkV6Y6rcXTUWsfV1wlBD4Q8O0i3DDTXl84vaGE52EUutmcOI5si9tOQS5A7wcg7"
    "rr0JC40kvVYl8VzvsvojfnjkcP0L/Fjgx2qOGTlI+meoaHN6nJ+QhUT5yUyITuWxcWp03S"
    "ak7NzocsppbKOMRs1OsmWbqDavnlF21YyGAy6L+s31wExnAHBDhjq4M1rgzgDLe70MxCqW"
    "dxUDMaTlQtIppAVWDBKkBYJ9cw/tm77TVWLdDN2x6bbN0PerUmx5Tp9KxOLB82PdZlUNUF"
    "BmA5GF21nFybdZSD0FANtzG/Mgeh25eDyxzLGpW7KKy2WyBjtnTQ6VbbBz7szOOdeXG9k4"
    "pfRg3wT7Zp3EC+Q87CDnAUxt6asaTG1galsntsDUViNTW3WlS2v2AFZS8KHepDJUUNgNqt"
    "Lssx0pskNljbti+zejyEN8nIJNye+dRSykBxafX3hBBn42R6xYw4FFXITpXBhv0YTQH8Nj"
    "3FYVGZwpcWUmpRI5q1iUYtkBnKd/zmVcNPrAtt0WJfojqEwrjgT7U6X2J2+lFlJjBNIG6j"
    "F7orcEmGQrLuMxnhfTVwVSSGiu8zxHRW6eSY7SwQzXeYYjD9KccxynBIFd/2mmu7LQJPt0"
    "MMW1nmL/rFy8n2IaPbhGUqsTbOoQzGIDfsE1fkGwnm9xZVdcd6PpqMbtE8rZIVEiwBV8Pb"
    "sraDILmzZtCG3z2j+J2Mb3bS2rxewrtJuVi9mmrT9Y1hJDf2TFp1v5IxtsvYl/aGH0f+QB"
    "kUdmfOepDW30aroTbmuPhjr52eymhR6JPWZFmrGFTBe96g5Pf8dG0sxfOvfcwaNzc/y8mH"
    "MLPrPux+7RPeAuHMko/kXlDLyWY8l74B6o0j0QzlwyQHV9wePIvFfX1/ymd33Zv/6kde/u"
    "+p+ur3pet+Qc4Es4dFDy2r3lve5ddlDwil67uOjdjHqX2vk/tKBQcvLavdW/1m5uh5+oCL"
    "zroMibe+tieHUz6I0Y29VLerV7fdEbDPjV4OW9dT3U7j4Pv3aQ/0KUC0phtycqUbcn6UG3"
    "J4mY29VuTaybbNNVjBBsV7W2XWGHTgIPY8RWIX+DhB6mvNZT7m/PKRmvAlBU0xYkpKVU+9"
    "61bhyTpMdKCQzHGQkMx8kEBsMmc/L4WAh1GS3ArgR7Slm8Ef6ecqJcETQB4Cyp1ft9FBNY"
    "AYwHV93f38aE1mB4/SkYHoH9YjA8F+3CNlMSC8UmxCjBcV3n5wf3PBea5TglzHKdZ3lMZn"
    "Nm4SmUGSPQwkzXeaYtojkTSvKIC7dEElhUaCZgk9m9uRn0L7rng15eE0Gcmunf0ff3lm8u"
    "WNkN7q3u5SW3FLB/99bXbv839tb7X0RtL79fUmQuNH1GFpZs+2a5xuUMNnaK788OLuQT96"
    "uSFBGXAilIyzpLS792nW8YLxzzs44N+Jwlvvw4aJsXgVTmB7ORPhtBQemN90IGIwiEWw9/"
    "adtBhSNMyPoJ2aheyTpeEKO45jy2QtC25ZFJGVbuJGkD6/Qcq1hb022tKXj7vTXyhdtJaU"
    "HEJEVMoJo90RnBBSR8Kj2AnQT7BU9Muu618VR3UmIn5CgnCJvgS4gLjzOVaIOz9GiDs0S0"
    "AdThSYe+uXV4FnOj4KzHKWHW6zLrEiNKshAL5I9s4XkVjcJUBDUWuAmYJjGNha8qghoPeY"
    "WDFaSO7Cp1hARV8zcEtmnV90Vco2JQAVZvg5eA692K0X4JBFVcY5Jwg7J2ULgtC/W4GgW9"
    "JAr0ktCmplVSQ4kB5dScHR0DC3pKbFoYEHpKpGC2zfxA7/QiyQ5cHWvWd8vVVkcptRRBlo"
    "JHgUAPS6SjgMkvyHQd5GVTIZO1s+VBr+jRJjN+K+gRIU8MLIGnJB1QyPGz8SNmXg+/g0R6"
    "omDE6sYT/VZI0duQ3Vdpdl84Zwls043UMaIGurcOldIJDjPSCQ6T6QR7mEc5vOldt/Ihzm"
    "k6iP2tU4Zj+aGS/mG5mNdBoIWovfoYnCXR7JHZ8p7ldF294KnkPJbVYiOLTYVNN1ZXoOsG"
    "+H1qsg2h68aufBTRk7c6rgIVIAuOit05KoLFWAK2FxFWDUVX2LobGNYD48BmZqnm1RVTcv"
    "fkgUjZ07OXCIHTYacGTn9xSSyc4bJLN3GGy1ulwYmNWVg0N0N65sgOq1R2+/ECnZ6enCJ7"
    "McUIf5/rrAw9a2xLIo1vH3mXEq42yTqclMl6fd0zMFFWaqL0/RXK1kl/fAMNk6dKhsnTDM"
    "PkadIwCfp0OvqgT4M+vV52QRwlaNI1OCi2IeSvLiF/dVSg6+kiqlbdiamIEqVHVCEzojvE"
    "kUqxHf6cv3FiBZk76HVC2vTPss2LMbep8mLwss1++jRiObqMkJVpfpI1eSybee7iz6JPk4"
    "VyJHs82vgF29HQjziPuHEqxjI5mp7NHMp4TOcmORpUtCpVtJo5w2v6YKm72qDkDbcxhdQp"
    "pi+KtDDVtZ7qcGc+LDV+MTHf6VYYKXEDTTJHSiaZowyTzJHEJBMFzyb57F9S4gYiX35MVy"
    "ifHnIV/RDpGgj2Vpa5cIJThztG1kC0yy+R4GNGf74scG0t1iu6BoK9laXNaoEncc6uHV4Y"
    "33pq9tIz0DZKhztjMi9cfnZFXGFc9ehz/04bXlx8ub3tXV/krjwrkHeQcOHe4he615fax+"
    "FgMPzKy9Amr91bXz8PBz36Obf93l0HRd+JBgaljVR6GxlmoeBIJyY3M9Q2SlZhaO1utlSJ"
    "kbX48RGPXfMFF6/HmMUCvBsSzH2YHLKw05Jw1guxBJM6P6ZbF1/uRsMr1hYreHVvBY2ygu"
    "ZY3U9Ukv1Du+x97H4ZjDoo/r6IdCpfXQiSKY0C+0RKCxtEskECYV4AZBkpYCwLA6dS5kki"
    "fTLrjIZEUFAUR4WIpKCoviQLV3OJq0u0r+xqrgIpYL0G6yJVW6Fca55yrYG/MInw3++G13"
    "KEozTiEjbHLvovmprOPoriDGgZGtnKrqjXtuNGfMZAVHZdUxajkfoIDIZDLTFZRVzXLFgK"
    "VyQEeCUHt4XDKuM4WmGcMzgA4KlF5KGM9jZBtrHXIl0b29gw8/ZHklBDc6Ts89yrzorS5L"
    "QAhkSQWp/DAOjBViCyI0YI5SzqHNXBp8rW8jqoBDLwU+X3U3kyn0OosZAB084t19JYgJTL"
    "IeWiQag55ZxACpKuzpIO2ir+GPMMqWytbfgEomGE+crDJCkBYSi+UyGy8aQTRWDjRIArpL"
    "dWZFDiEZa5QI3RAKpZZ/y8D68kIVhBUw1FecEVyQBaSHffWbr7LMyc3hDa5hUxE7GNn42g"
    "lsCu2gdBscM84KoVO0xTekvA+IvTbHyTir4Cxt7htYwVHKlycLti2lCsY0d+BZRXR63qln"
    "HNDmaqyIqHUqUlvFISAN61C1dUqDaomeNFw5ZYJ/SGM2yQ3BDX6Q67bu3Jgq2s4JC/1taU"
    "HQpXpFrxIW0eEqytQfR1oru83KnBWj3ZrOvTXDcN9EhspKMgXyJWPwgdsPE2eUVzSuDRvU"
    "0WICqVs7TXVOxHe5LEo1m1jUqvTiQMhMpAVVUG0mdkYeWNkguJINuB/+706DjwfZa3iuVF"
    "yQv5PqOUgLAE4VAgq2MbowFUwXa8w6YjQvXHEi0ZDUZZIhwVsPa2fQkoX64YNRTfmIDMrW"
    "VXpQb5pro1alBo0FNUg0KzokIvCgthy7WXrPkDq4Tqbf83Dlp1NuXpiOx2TGHxPkPSY7cM"
    "husb7PKKV6KmA/pMlfpM3lplUKQsR5Gy3NXJoCxZzrJkOq/NIzEFZiUdhEQVphkEQmNvsw"
    "xAMy9LHoOGU5GGo+KBgX5tu/Un8ASwa8KnLnmADu9mH5zDNDLFAzPySBAjYd3WWNyKgR6W"
    "aMK6CehP9PfT461uIdNxFrzHGk+gkfVq24ATtGar12kYrPvbte6nhcqsq9fb0CMxtL+rzX"
    "LeuyTBYLJyJ7OJdHAslyg7/kM6H7RxIsB1vbrjI1aCvtMPOe0ZxKoKT3x1qfh0Vju9BHyb"
    "HvkrSsVaeRuCxS3RkCLrPl09imwzJdXIDzN/4wTKSgfpyLD1R7fNvAErVebVdCf0zpM+n2"
    "LHYVFPP3lqOf0Bswd5Z+tyma/3MXiDJfFUQjA93QDuwoFwqmoVLn92cigEIUUTSvYIdU2P"
    "FNSB46P0yqZHiZLe3qqW4qvQS2JFXWEzicvb7sdRKx/eHhGrtk7/3Vv9u7svvcsO8v6LQk"
    "hlJj4oTMSH1Hn4ADV81691laWuXsO3SCnqHdegfrfdM09pRhswKBSBeu8MCt6xq0htqSgh"
    "VJaq8xyDD7e8Qy3UPdoOsuAd30X8L+Thl56HrxR9EDquNw0+iLnKGwJ8PJqO1c7fDCTfWj"
    "agnJqKEqTI7jqkJbrI0i22wRpca7XVpsHItabboYV5Zio2kDuhuDDL6pjM5kw2GcivedNO"
    "S19lNyzykzMhr+gRS0Jdyme/Pv7lj2ipHjDOVmqcfaY/K4/FKhjfQGtV+c0Wo18rB8YCWQ"
    "OhPlYKijnOCIo5lsSJQ2DXVm2EEC/RrMK/NTvHbaGaanBIzl1NVSAEeCHKZ5dRPruo+lmz"
    "5auKbe6in5HdXgK+DdanRaSTYrJW8VTJmZDo6dLpStfW595wTVgzKvFW8mJSvM5URGFGr7"
    "rp0k9ALkEPOAieMmQxVpszVFHMYzZmocEMC94y6JKw/PdMeW+jRNBVlAqU+5oo9+vjgvZB"
    "0W9ddK8veoNBd9QfXndQ9N29dT3U7j4Pv2ofe70OirwR99JuTAN0v7JuaM54go3FNKdSJS"
    "eGU2pG59NCSlYKNQANLWZ3bo0RIGPntUfTnhXsEJjNCwJ+6hzwM6bP8yeJ5p2540IisHuu"
    "2WkQ2LvtwF5ol71m3ZZY4gUifX+Ih4KonOeZaJEWHv91nmnoGPxjzDPEdbcaWTW7ZlsGAu"
    "f3BdldxWM0fMFCH2bI86iVoxV6hNYoXACSaPLAW7iZ5Y6aFNTs0aYMc6EeBbsI2dpTgJUi"
    "tlRywaL5HpXmOe0J8NX1tSNTk54a1jR08Ee11fvahQQKQUHskw3k0cS7MPzCX/uw8xZ19A"
    "tMTeywQB4LvyLmsKMAy9o6lMZWofASgw6aO+y0upI+y9XcIRjfQK/UVroPmM7qayfFdZZ/"
    "Kk4IPqo8PiruPXW1F2znV8XlxGDpSMLsI5QD2whFdTaObdVQKt3SCZ7VH8EPs5gbBac5Tg"
    "nTXOtpBndbWTISjMA1aoXjP8FL7ILj6ci/hSeDhsxAxaaIAEAli0QE7VyGCS1ygFMrNeLo"
    "L9hAPhkzJui+YaGDTNdBrknvtNFcX5KFG7wb61QlM3QbseY4T/QzUuqMlMhbaqrwf7O3Z4"
    "JfDtaKXVor9kTlqD3CkaK42JYVgfr73fBaDuiKQDyAmmMX/Ze3fN1DWDMwY1DETp2Bvefg"
    "qvu7aAq6GAzPxeMkY3AOyh5oAaAFlGspgb5G20A3duxRRDZGA6iC5rq78KXQhVpi7EfoyG"
    "0oyrENDI2jSsW23o2jBvS73a5qAbQk9gNhRDvLaCCUFlAzFHSDwqBvHETXiu2iGXnhbXAd"
    "08BcmffWJ71vEZf3g/KLjOoOKzAaK2HCAxYSBoMtfMa9RWzzybT0KWJHbXTAuxygw9O3rE"
    "uVTRZPE+RXiEFeiZhCBU1ZTZSYEAzhhaIo2zoOpZsgHm0y0+bm+HkxL6C9JalBg6u1Bscn"
    "DDt0JrgMp9u56KzLmMDk13ry6a3CO12khamu+1RvustTWMDE13ribUwhdYrZYkVamOqaT3"
    "Xs4Jx7skVqmO5aT3fcZ13IoFlCEGjdZrh0B6Ipy2ZLBTYYDgG1SSiDmqxJODMjxaNkFcaJ"
    "70YKlRkmDoXPtlr4zIu80Yq03RVJofsuVJjbZYU5tuDkgUfpgTJRGoiV2SBWBmrDVixPoJ"
    "5idYcQD7bcoSwiGRynU6EtUMAwSghV7eqs4/Opsnlz3OQsj/D3rO0TkhU6AO3RrPZ+H2U/"
    "lVeTOhhefwqGi49qoV0ehDZCubs9Qhbqsm2rc0NoFs97ipHSAsoQPgrV7/YBW6h+V7Pqd3"
    "F5WgLKDY/MlT5/NsiO9szWGyZHx8NtbzjLBs3BVvOipditDWkOMVYObNbmIc3a+OavE92r"
    "lmbYTO1EpoPmummgR95ucdWJkX0ECj8CHTASm7yiOaXxSN+2kc6/Vyy2uWT+99a3eO43/6"
    "nfGFuPY/Ruevq0vMuc9zk8sDkR9Rx7VgsDIcC5qgDnsKV9Dit7SARu0TXWdTCclLeKIx66"
    "lbhQRzVGA6hKUK1Lm9Em4gzq/Q7Ue0l+2oYQJ7PjGgq1fDsrYO6J2RKgvlwxaijEsQdSrb"
    "JEey/YkmpS3o12luqEV0OUSkaZs9mC0yJ9YZguosR2UHmanlkfdIdpMY8LBzvoyw3zQvJi"
    "Tpe9QY++PNApsubTE9Vl5FWjymN/b1FNycF/cs2I0VM96idPIKHxwnaI3UH6dErGbKGiBV"
    "16dqSWNtO83jiI3n5uI4cg1jXPtOhn3Vv+APrlTIslD7OvQm+NyWxGrxGbMWLfSWfa3GKG"
    "kYWZ2uc8m3OWqsr1PG+wYh1u+iMk6hj/IH9EkIgaN/kFVyUNBHLrbefm04+iuv3t6Oj4+P"
    "3Ru+OzD6cn79+ffni3Oj8kb2UdJM77n9hZoh311a5X8Nhs54LfJ2jSya2SKYgEyTPMEpin"
    "R2cG4xsYmXl2ohCaeXaSGpvJbsXBJWMezFok0kcghYSeWgf70KMDsTX6ZM6p5yfoIFouKa"
    "I8kPK2g4hTNVBcbaUphIeaTWQK6DqsA6oGYn14pgD1oSiBQqTZLeHREDnCKgqLKAnIifrE"
    "UTUcVmgkXJWDIFe12zhV9Wk8rf95XFhjXnTqYWFOXdNyfmaf97+t6s+LW0nuYVpqrgnxx9"
    "djKtjHNmYqwDFZltwB187OW1Zs0xjOYriWV7r93JIYxMOb7SyjuM2GabNg3FrL+GfySm95"
    "BmSycB/Id8RZoInuoPnigUq+CTYQ1scT38D8xkHc8u6gA/8/XVLL0P4tsY9v60PWlzxMNR"
    "XXRCjVwWy8tYif1cxquU3DCdLG9HWr2EIMbcHSJ8TGujG0pkt/2+2vSXMV/5p4VKk+xNYf"
    "JIYWHhH6Z+vHiJ2KxK0dIjY6GPQNPJsTl33kLR4TO/4oSx2UeVAww+GaHY5fe2AY0Wf4o2"
    "k7LncSs3bNrEESeyxzFcahD2vuc6YXn/HyF+5Mdu0l+7uwLYd5n/UnimzylFAq5/XOacoD"
    "ui7t9HzAZiCBarqd2h/eQAP1VpwBZM4AkeacpWMcI2og0uV7if1anRpVZSZ5kBbpAGwlsN"
    "mDIY9dL6SAWknQVwwiIaCvGJhqdw7w/ptqv+KHCSHPXdelWpQ0gFkY0c7SxV69sVRGhoOV"
    "Ypo/j0Y3yD9JoJluYD+Tkn4C8y8u2zye95XlcY7p12MalR+8m4hfLs5KpfFMwAWieOthIM"
    "xI0/TWYKFnvUgLT/taP+3p88VdOHT+DEm8WHrUdpwKYkLk6Y3swSXrgJyZ1hgSwUFKgiu2"
    "bSJJ+EpXslcETajEF1euT5VsRqcZNqPTpM3Iwt9djVtVC0j/BDGUuKyz9BeOZOrnLYGwSZ"
    "KqgrNXhmIYAFuCauhrH5cRjns2I8q5rfHVGNMSL7p3F93L3o6VxNUkpGuJ0XlaryZG14ma"
    "nuh1HkXkFRvIJbymD7aMOaGwogNfz/Nq/LDkVXoMwR0+KKzgg9gXN1JyX8tjz3JffTBM7D"
    "AlM8aMqaDfprqFv6EDnlnLiduIfsS7t+iJsOgiltL6zTS+eQmt7IOmy3uLhx5NDabczv3e"
    "qYwzdzEyhizX1st2xZb7M+qiKcuPRQff+H9DW1iuOf32FrHIKoeTmvSrPk7Np4nLXJFzm4"
    "yxw/J1qYJMf6OBZqbxE2VmME4vmCfQcpZ8hL2wHPZlPa2aZeQ6noNzjQczQMJf7Tw2KgiR"
    "YT9Dkm7rndf56DgxH98GZbzOyjjYY7ehRkR3jfrSjpE1CdiKQ9I8HPOmLsepwFuq4C31Hs"
    "u5kRbIAGoFqHdTJqxm2nH5ZjQrj2EyGN6YUOHSgAyPgEkZ0LMWs4RSKTH4VisKWje968v+"
    "9adWPoQDsg7yX1Btojfo/9a77V120OrlvfWx2x+wS95/UalRkSHlJxX73pM8NuMoCSx7cd"
    "lzg6QPUVF7ZpwcHFq1NmlGdfW8sy3SgvG69jOtueQZ5wpvFcia5xU6PlJ4Kh0fpXeoPBKf"
    "SjwiX3vUzWLdzSXksLNqvbN0Ol/FIgNkpKDXyPQailNuX3acqnmiaysObYhb/iGElu8RKz"
    "TRIi08nuo804IPS/HJJFA1yXi/rSj1ALIkykWDEXoRjnuGtWowgrDO8gYjJGxBmk1eN2z7"
    "lIxDbwj2W234JC7Z9NCN6KpeH7oR3VXrQze6Fg/Lv0NfbgcsVCGs8v3GjzQIwgZM1/GjMJ"
    "w2cujuxIaXK/3NwfQk435LBm6UydwrWT7WLcur2MFLl08iVV/Eqi6v9IGLWNo2ZUXhIEGa"
    "gYmdTjBGt/G9xWo0oDk9+vL0bi9WYkZevMrljLPDkhEojpaje0W0dK9oesiQMUKvtkl3QG"
    "pkRSJqIuZFh2ZRVaeGL2yJAS9dN/KHN9BVefRONTc8Mzk8WSrWD8Qq6hSK0tcZ9tZl/+6m"
    "O7r43EHBq3vr8pb5ge7oJe9FPfw/Eb97rlqSIl09Shg2qpqk95zLI5FCijrvjoJC6VBJJh"
    "1miKTDpESa2/jFJAtHyw+2hLR59rEqQC/mOktlAqaUeptSGMay+F5Cpli30kwpKypheh8o"
    "2bZEW3C2rXZKz4fDQWw2z/tCdOP1l6vzHt11QpdOSZlo0+G4aazvUr6aPBLS5km3rVj/Ix"
    "qpZJVndSaKEzYmtKbiSF/wvvwQDxKoMfpDTDMko7S273aB4kDVFAdK+I5NmdGlgKOlgSm3"
    "W/W0dCn040lL4mDx77Sz/Cp6OGadNyUdhg3KyIPxfwvGf7p9nJx1SyMkDbS3HZ2eqvgATk"
    "/TXQDsnuABoJsqB8L+8AaiuxXDGv1EF8uiJ9Lt+BESqFWa01ifOFFVWfHhr/8HvzyAkg=="
)
